package controller

import (
	"coba-gin/service"
	"github.com/gin-gonic/gin"
)

func (c *CarController) CarRoutes(r *gin.Engine) {
	r.GET("cars", c.GetAllCars)
}

type CarController struct {
	service *service.CarService
}

func NewCarController() *CarController {
	return &CarController{
		service: service.NewCarService(),
	}
}

func (c *CarController) GetAllCars(ctx *gin.Context) {

	result := c.service.GetCars()

	ctx.JSON(200, gin.H{
		"statusCode": 200,
		"message":    "success get all cars",
		"data":       result,
	})
}
