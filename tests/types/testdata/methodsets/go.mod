module methodsets

go 1.22
