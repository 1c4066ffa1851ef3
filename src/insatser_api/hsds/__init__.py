"""The catalogue as an Open Referral HSDS 3.0 directory (`/v1/hsds/*`)."""
