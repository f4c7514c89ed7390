from fastapi import FastAPI

api = FastAPI(title="inventory")
