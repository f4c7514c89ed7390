package main

import (
	"github.com/ZacxDev/go-static-site/cmd"
)

func main() {
	cmd.Execute()
}
