module example.com/hybrid

go 1.25
