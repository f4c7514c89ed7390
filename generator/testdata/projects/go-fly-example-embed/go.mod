module github.com/fly-apps/go-example

go 1.20
