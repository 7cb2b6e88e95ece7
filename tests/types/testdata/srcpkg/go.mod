module example.com/srcpkg

go 1.22
