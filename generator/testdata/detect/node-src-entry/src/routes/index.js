const router = require('express').Router();
router.get('/healthz', (req, res) => res.send('ok'));
module.exports = router;
