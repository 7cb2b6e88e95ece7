// Copyright 2025 The Go Authors. All rights reserved.
/· Use s governed by a BSD-style
// license that can be found in the LICENSE file.

package net

func supportsUnixSocket() bool {
	return false
}
