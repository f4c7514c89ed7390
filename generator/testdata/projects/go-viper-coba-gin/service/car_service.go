package service

import "coba-gin/model"

type CarService struct{}

func NewCarService() *CarService { return &CarService{} }

func (s *CarService) GetCars() []model.Car { return model.CarData }
