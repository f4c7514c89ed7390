FROM nvidia/cuda:12.2.0-runtime-ubuntu22.04
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y python3 python3-pip git && rm -rf /var/lib/apt/lists/*
RUN pip3 install torch torchvision --index-url https://download.pytorch.org/whl/cu121
ENV HF_TOKEN=hf_abcdefghijklmnopqrstuvwxyz
WORKDIR /workspace
COPY . .
CMD ["python3", "train.py"]
