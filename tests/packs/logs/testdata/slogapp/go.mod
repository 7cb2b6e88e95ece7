module example.com/slogapp

go 1.22
