// Package memcachetrace traces github.com/bradfitz/gomemcache: a client
// span for every operation of a memcache.Client.
//
// # Hook contract (rules.d/memcache.toml)
//
// Link-time dependency of every rule: orch.dev/runtime/memcachetrace. In
// package memcache, next to (*Client).getConn:
//
//	//go:linkname __orch_memcache_start orch.dev/runtime/memcachetrace.start
//	var __orch_memcache_start func(method string) interface{}
//
//	//go:linkname __orch_memcache_end orch.dev/runtime/memcachetrace.end
//	var __orch_memcache_end func(span interface{}, err error)
//
//	//go:linkname __orch_memcache_server orch.dev/runtime/memcachetrace.server
//	var __orch_memcache_server func(addr net.Addr)
//
// Prepended to each exported operation of *Client (Get, GetMulti,
// GetAndTouch, Touch, Set, Add, Replace, Append, Prepend, CompareAndSwap,
// Delete, DeleteAll, FlushAll, Increment, Decrement, Ping), with ERR its
// error result:
//
//	if __orch_memcache_start != nil {
//		if __orch_span := __orch_memcache_start("Get"); __orch_span != nil {
//			defer func() {
//				__orch_err := ERR
//				if __orch_err == ErrCacheMiss {
//					__orch_err = nil
//				}
//				__orch_memcache_end(__orch_span, __orch_err)
//			}()
//		}
//	}
//
// and to func (c *Client) getConn(addr net.Addr) (*conn, error), which
// every operation calls for each server it talks to:
//
//	if __orch_memcache_server != nil {
//		__orch_memcache_server(addr)
//	}
//
// # Spans
//
// Kind client; parent: the goroutine's active span (gomemcache takes no
// context). Name: the memcached command (db.operation.name: get, gets,
// gat, touch, set, add, replace, append, prepend, cas, delete, flush_all,
// incr, decr, version for Ping). Attributes (semantic conventions
// v1.37.0): db.system.name=memcached, db.operation.name, server.address and
// server.port of the first server the operation reached. A cache miss
// (ErrCacheMiss) is not an error; any other error marks the span failed
// with error.type and an exception event.
package memcachetrace
