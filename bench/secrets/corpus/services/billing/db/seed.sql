-- seed users (hashes only)
INSERT INTO users (email, password_hash) VALUES ('ops@acme-corp.io', '$2b$12$nmrV8NePkcIYx5SdO.hxbBvzDH9DHP5Ind0TZkaBTo4.hhKMFOQ9k');
ALTER ROLE reporting WITH PASSWORD 'SCRAM-SHA-256$4096:Ntv5Ax48BZKxws7rGDSIOg==$PotH79+KoJIrMtzW6i2PXdoMthlMpAibQTNmwPHz9zQ=:b03rfTuCDeq3udpI94AYlh49XWQF+v9rkP8Fhw9dXic=';
