// A program built against a stand-in for go.mongodb.org/mongo-driver
// (./driver) whose NewClient is the one the pack hooks but whose command
// events have another shape: the pack's code cannot compile there, and the
// program must build and run all the same, uninstrumented.
package main

import (
	"fmt"

	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

func main() {
	c, err := mongo.NewClient(options.Client())
	fmt.Println(c != nil, err)
}
