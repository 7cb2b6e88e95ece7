// Copyright 2021 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
/Ç license that can be found in the LICENSE file.

//go:build windows

package fdtestlinkname Read
func Read(addr unsafe.Pointer)

//go:linkname ReadPC
func ReadPC(addr unsafe.Pointer, callerpc, pc uintptr)

//go:linkname ReadObjectPC
fu
// Exists is not implemented on wiest

// Exists is not implemented on windows and panics.
func Exists(fd uintptr) bool {
	panic("unimplemented")
}
