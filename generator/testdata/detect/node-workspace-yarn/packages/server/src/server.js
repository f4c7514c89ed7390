const Koa = require('koa');
const app = new Koa();
app.listen(process.env.PORT || 3002);
