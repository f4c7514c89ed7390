FROM ubuntu:latest
MAINTAINER ops@example.com
RUN apt-get update && apt-get upgrade -y
RUN apt-get install -y openssh-server sudo curl wget vim
RUN mkdir /var/run/sshd && echo 'root:root' | chpasswd
RUN wget -O - https://deb.example.com/key.gpg | apt-key add -
RUN echo "deb [trusted=yes] http://deb.example.com/ stable main" > /etc/apt/sources.list.d/example.list
RUN apt-get update && apt-get install -y --allow-unauthenticated example-agent
ADD config.tar.gz /etc/example/
ADD https://example.com/agent.conf /etc/example/agent.conf
EXPOSE 22
CMD ["/usr/sbin/sshd", "-D"]
