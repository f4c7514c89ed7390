CREATE TABLE subscriptions(id uuid NOT NULL, PRIMARY KEY (id));
