-- One database and one role per service (docker compose; CloudNativePG does this in k8s).
create role booking login password 'booking';
create database booking owner booking;
create role payment login password 'payment';
create database payment owner payment;
create role notification login password 'notification';
create database notification owner notification;
create role analytics login password 'analytics';
create database analytics owner analytics;
