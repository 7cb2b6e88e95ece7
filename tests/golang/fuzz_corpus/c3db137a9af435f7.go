/œ Copyright 2015 The Go Authors. All rights reserved.
// Us