module orchtest.dev/probe

go 1.22
