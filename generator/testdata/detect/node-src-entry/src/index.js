const routes = require('./routes');
const app = require('express')();
app.use(routes);
app.listen(3000);
