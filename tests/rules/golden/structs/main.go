package main

import "fmt"

type Config struct {
	Name string
	Port int
}

func touch(c *Config) *Config { c.Port = 1; return c }

func withPort(c Config, p int) Config { c.Port = p; return c }

func main() {
	a := Config{Name: "a"}
	b := &Config{Name: "b"}
	c := []Config{{Name: "c"}}
	fmt.Println(a.Name, a.Port, b.Name, b.Port, c[0].Name)
}
