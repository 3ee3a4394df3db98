# A typical Fargate stack, pointed at fargate-local. The provider takes its usual settings plus one endpoints {}
# block: every service the stack uses is answered on the emulator's one port.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "endpoint" {
  description = "The emulator's URL, e.g. http://127.0.0.1:4599"
  type        = string
  default     = "http://127.0.0.1:4599"
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "name" {
  description = "Prefix of every resource's name"
  type        = string
  default     = "demo"
}

variable "vpc_cidr" {
  description = "The VPC's block (a /16); on a shared Docker engine, one no other network uses"
  type        = string
  default     = "10.42.0.0/16"
}

provider "aws" {
  region     = var.region
  access_key = "test"
  secret_key = "test"

  endpoints {
    ec2              = var.endpoint
    ecs              = var.endpoint
    elbv2            = var.endpoint
    iam              = var.endpoint
    logs             = var.endpoint
    servicediscovery = var.endpoint
    sts              = var.endpoint
  }
}

data "aws_caller_identity" "current" {}
data "aws_availability_zones" "available" {
  state = "available"
}

output "account_id" {
  value = data.aws_caller_identity.current.account_id
}
