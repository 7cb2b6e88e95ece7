module example.com/mongootherapi

go 1.22

require go.mongodb.org/mongo-driver v1.99.0

replace go.mongodb.org/mongo-driver => ./driver
