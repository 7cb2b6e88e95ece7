"""The Go toolchain's data, read and written in Python: compile and link
flags, importcfg files, ar archives, build ids, the parent go command and
the archives of packages that go did not plan."""
