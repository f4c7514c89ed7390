const winston = require('winston');
const config = require('./config');

const logger = winston.createLogger({
  level: config.env === 'development' ? 'debug' : 'info',
  transports: [new winston.transports.Console()],
});

module.exports = logger;
