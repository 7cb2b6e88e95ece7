module orch.test/tmpldiff

go 1.22
