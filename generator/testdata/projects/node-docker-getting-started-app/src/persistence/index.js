// The real app picks ./mysql when MYSQL_HOST is set, else ./sqlite; the
// fixture keeps the interface with an in-memory store (see fixture.yaml).
module.exports = require('./memory');
