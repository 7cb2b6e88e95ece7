module orch.test/goastdump

go 1.22
