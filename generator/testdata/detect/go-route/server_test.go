package main

import "testing"

func TestX(t *testing.T) { _ = ":7777" }
