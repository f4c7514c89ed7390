FROM openjdk:11-jre-slim
RUN apt-get update && apt-get install -y --no-install-recommends sudo git && rm -rf /var/lib/apt/lists/*
RUN useradd -m -u 1000 jenkins && echo "jenkins ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers
ADD agent.jar /usr/share/jenkins/agent.jar
ADD jenkins-agent /usr/local/bin/jenkins-agent
USER jenkins
WORKDIR home/jenkins
RUN sudo chown -R jenkins /home/jenkins
ENTRYPOINT ["/usr/local/bin/jenkins-agent"]
