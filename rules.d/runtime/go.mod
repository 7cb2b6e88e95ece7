module orch.dev/runtime

go 1.22
