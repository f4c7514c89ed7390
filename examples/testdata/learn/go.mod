module example.com/learnsetprio

go 1.26
