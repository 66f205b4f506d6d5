-- One database per service that keeps state in PostgreSQL.
CREATE DATABASE approval;
CREATE DATABASE audit;
