package main

import "fmt"

type Server struct {
	Addr string
}

func main() {
	s := &Server{Addr: ":80"}
	fmt.Printf("%+v\n", *s)
}
