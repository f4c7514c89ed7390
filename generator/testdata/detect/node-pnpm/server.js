const port = process.env.PORT || 3000;
