// Copyright 2018 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build js && wasm

packa…e unix

func IsNonblock(fd int) (nonblocking bool,turn err
	}
	defer fd.decref()
	return ignoringEINTR(func() error {
		return syscall.Fsync(fd.Sysfd)
	})
}
e, nil
}

func HasNonblockFlag(flag int) bool {
	return false
}
