// One program, one build, three frameworks, each on its own loopback port:
//
//	app gin | echo4 | echo5     prints "ready ADDR", serves until SIGTERM
//
// Every framework serves the same routes, in its own syntax:
//
//	GET  /users/:id                 200 "user ID"
//	GET  /api/v1/items/:name        200, a route of the group /api/v1 (which
//	                                has a middleware: echo then registers
//	                                not-found routes for the group)
//	GET  /files/*path               200, a wildcard route
//	GET  /panic                     panics; the framework's recovery answers 500
//	GET  /timeout-panic             (echo v4) the same under the Timeout middleware
//	anything else                   404 (405 for POST /users/:id)
//
// The unit of orch's work is the net/http server span each request gets:
// named by the framework's route template, never a second span.
package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/gin-gonic/gin"
	echo4 "github.com/labstack/echo/v4"
	mw4 "github.com/labstack/echo/v4/middleware"
	echo5 "github.com/labstack/echo/v5"
	mw5 "github.com/labstack/echo/v5/middleware"
)

func main() {
	var h http.Handler
	switch os.Args[1] {
	case "gin":
		h = ginApp()
	case "echo4":
		h = echo4App()
	case "echo5":
		h = echo5App()
	default:
		fmt.Fprintln(os.Stderr, "usage: app gin|echo4|echo5")
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	fmt.Println("ready", ln.Addr().String())
	http.Serve(ln, h)
}

func ginApp() http.Handler {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.Use(gin.CustomRecoveryWithWriter(nil, func(c *gin.Context, v interface{}) {
		c.String(http.StatusInternalServerError, "recovered")
	}))
	r.GET("/users/:id", func(c *gin.Context) {
		// A handler that gives the request a context of its own: gin's pack
		// took the request that leads to the server span before.
		c.Request = c.Request.WithContext(context.Background())
		c.String(200, "user "+c.Param("id"))
	})
	g := r.Group("/api")
	v1 := g.Group("/v1")
	v1.Use(func(c *gin.Context) { c.Next() })
	v1.GET("/items/:name", func(c *gin.Context) { c.String(200, "item "+c.Param("name")) })
	r.GET("/files/*path", func(c *gin.Context) { c.String(200, "file "+c.Param("path")) })
	r.GET("/panic", func(c *gin.Context) { panic("boom") })
	return r
}

func echo4App() http.Handler {
	e := echo4.New()
	e.HideBanner = true
	e.Use(mw4.RecoverWithConfig(mw4.RecoverConfig{DisablePrintStack: true}))
	e.GET("/users/:id", func(c echo4.Context) error { return c.String(200, "user "+c.Param("id")) })
	g := e.Group("/api")
	v1 := g.Group("/v1")
	v1.Use(func(next echo4.HandlerFunc) echo4.HandlerFunc { return next })
	v1.GET("/items/:name", func(c echo4.Context) error { return c.String(200, "item "+c.Param("name")) })
	e.GET("/files/*", func(c echo4.Context) error { return c.String(200, "file "+c.Param("*")) })
	e.GET("/panic", func(c echo4.Context) error { panic("boom") })
	// Timeout (deprecated, still served) runs the handler in a goroutine of
	// http.TimeoutHandler, whose recover() panics again for Recover to see:
	// one exception event, not two.
	e.GET("/timeout-panic", func(c echo4.Context) error { panic("boom") },
		mw4.TimeoutWithConfig(mw4.TimeoutConfig{Timeout: time.Minute}))
	return e
}

func echo5App() http.Handler {
	e := echo5.New()
	e.Use(mw5.RecoverWithConfig(mw5.RecoverConfig{DisablePrintStack: true}))
	e.GET("/users/:id", func(c *echo5.Context) error { return c.String(200, "user "+c.Param("id")) })
	g := e.Group("/api")
	v1 := g.Group("/v1")
	v1.Use(func(next echo5.HandlerFunc) echo5.HandlerFunc { return next })
	v1.GET("/items/:name", func(c *echo5.Context) error { return c.String(200, "item "+c.Param("name")) })
	e.GET("/files/*", func(c *echo5.Context) error { return c.String(200, "file "+c.Param("*")) })
	e.GET("/panic", func(c *echo5.Context) error { panic("boom") })
	return e
}
