<!DOCTYPE html>
<html lang="en"><head><title>Welcome to CodeIgniter 4!</title></head><body><h1>Welcome to CodeIgniter</h1></body></html>
