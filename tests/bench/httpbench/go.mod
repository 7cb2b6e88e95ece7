module example.com/httpbench

go 1.22
