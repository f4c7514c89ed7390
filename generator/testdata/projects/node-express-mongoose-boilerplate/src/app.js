const express = require('express');

const app = express();

// parse json request body
app.use(express.json());

app.get('/v1/docs', (req, res) => res.send('docs'));

module.exports = app;
