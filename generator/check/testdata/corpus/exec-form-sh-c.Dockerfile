FROM busybox:1.36
RUN ["sh", "-c", "wget -qO- http://example.com/bootstrap.sh | sh"]
RUN ["/bin/sh", "-c", "cd /tmp && echo ok"]
USER 1000
HEALTHCHECK NONE
ENTRYPOINT ["sh", "-c", "exec httpd -f -p 8080"]
