import { describe, expect, it } from 'vitest';
import { lintFiles, RuleTester } from '../../core/src/testing/rule-tester.js';
import rule from '../src/nlb-tcp-passthrough.js';

// Terraform under provision/terraform/ (one module). Positions are exact; the HTTPS listener's
// port is the related location of a backend finding.
new RuleTester({ describe, it }).run('nlb-tcp-passthrough', rule, {
  valid: [
    {
      name: 'main and Teleport NLBs as in lumie-infra',
      files: {
        'provision/terraform/nlb_0214.tf': `resource "oci_network_load_balancer_network_load_balancer" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-nlb"
  subnet_id      = var.public_subnet_id
  is_private     = false
}

resource "oci_network_load_balancer_backend_set" "traefik_https" {
  name                     = "traefik-websecure"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  policy                   = "FIVE_TUPLE"

  health_checker {
    protocol = "TCP"
    port     = 443
  }
}

resource "oci_network_load_balancer_backend" "traefik_https" {
  for_each = var.worker_nodes

  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  backend_set_name         = oci_network_load_balancer_backend_set.traefik_https.name
  ip_address               = each.value
  port                     = 443
}

resource "oci_network_load_balancer_listener" "https" {
  name                     = "https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  default_backend_set_name = oci_network_load_balancer_backend_set.traefik_https.name
  port                     = var.https_port
  protocol                 = "TCP"
}
`,
        'provision/terraform/nlb_teleport_0213.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-teleport-nlb"
  subnet_id      = var.public_subnet_id
  is_private     = false
}

resource "oci_network_load_balancer_backend_set" "teleport" {
  name                     = "teleport-proxy"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  policy                   = "FIVE_TUPLE"

  health_checker {
    protocol = "TCP"
    port     = 30443
  }
}

resource "oci_network_load_balancer_backend" "teleport" {
  for_each = var.worker_nodes

  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = each.value
  port                     = 30443
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = 443
  protocol                 = "TCP"
}
`,
        'provision/terraform/variables.tf': `variable "https_port" {
  type    = number
  default = 443
}

variable "worker_nodes" {
  type = map(string)
}
`,
        'provision/terraform/terraform.tfvars': `worker_nodes = {
  lumie-worker-1 = "10.0.10.11"
  lumie-worker-2 = "10.0.10.12"
}
`,
      },
    },
    {
      name: 'an HTTP listener on port 80 may forward to backends on port 80',
      files: {
        'provision/terraform/nlb.tf': `resource "oci_network_load_balancer_network_load_balancer" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-nlb"
  subnet_id      = var.public_subnet_id
}

resource "oci_network_load_balancer_backend_set" "https" {
  name                     = "traefik-websecure"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  policy                   = "FIVE_TUPLE"
  health_checker {
    protocol = "TCP"
  }
}

resource "oci_network_load_balancer_backend_set" "http" {
  name                     = "traefik-web"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  policy                   = "FIVE_TUPLE"
  health_checker {
    protocol = "TCP"
  }
}

resource "oci_network_load_balancer_backend" "https" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  backend_set_name         = "traefik-websecure"
  ip_address               = "10.0.10.11"
  port                     = 443
}

resource "oci_network_load_balancer_backend" "http" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  backend_set_name         = oci_network_load_balancer_backend_set.http.name
  ip_address               = "10.0.10.11"
  port                     = 80
}

resource "oci_network_load_balancer_listener" "https" {
  name                     = "https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  default_backend_set_name = oci_network_load_balancer_backend_set.https.name
  port                     = 443
  protocol                 = "TCP"
}

resource "oci_network_load_balancer_listener" "http" {
  name                     = "http"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  default_backend_set_name = oci_network_load_balancer_backend_set.http.name
  port                     = 80
  protocol                 = "TCP"
}
`,
      },
    },
    {
      name: 'listeners and backends for_each over a static map: only the HTTPS instances are checked',
      files: {
        'provision/terraform/nlb.tf': `locals {
  web = {
    http  = { set = "k3s-http", listen = 80, target = 80 }
    https = { set = "k3s-https", listen = 443, target = 443 }
  }
}

resource "oci_network_load_balancer_network_load_balancer" "public" {
  compartment_id = var.compartment_ocid
  display_name   = "k3s-public-nlb"
  subnet_id      = var.public_subnet_id
  is_private     = false
}

resource "oci_network_load_balancer_backend_set" "web" {
  for_each = local.web

  name                     = each.value.set
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.public.id
  policy                   = "FIVE_TUPLE"
  health_checker {
    protocol = "TCP"
    port     = each.value.target
  }
}

resource "oci_network_load_balancer_listener" "web" {
  for_each = local.web

  name                     = each.key
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.public.id
  default_backend_set_name = oci_network_load_balancer_backend_set.web[each.key].name
  port                     = each.value.listen
  protocol                 = "TCP"
}

resource "oci_network_load_balancer_backend" "web" {
  for_each = local.web

  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.public.id
  backend_set_name         = oci_network_load_balancer_backend_set.web[each.key].name
  ip_address               = "10.0.10.11"
  port                     = each.value.target
}
`,
      },
    },
    {
      name: 'private NLBs and the Teleport NLB are not the main ingress NLB',
      files: {
        'provision/terraform/nlb_internal.tf': `resource "oci_network_load_balancer_network_load_balancer" "internal" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-internal-nlb"
  subnet_id      = var.private_subnet_id
  is_private     = true
}

resource "oci_network_load_balancer_backend" "internal" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.internal.id
  backend_set_name         = "internal-https"
  ip_address               = "10.0.20.11"
  port                     = 8443
}

resource "oci_network_load_balancer_listener" "internal" {
  name                     = "internal-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.internal.id
  default_backend_set_name = "internal-https"
  port                     = 443
  protocol                 = "TCP"
}
`,
        'provision/terraform/nlb_teleport_0213.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-teleport-nlb"
  subnet_id      = var.public_subnet_id
}

resource "oci_network_load_balancer_backend" "teleport" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = "teleport-proxy"
  ip_address               = "10.0.10.11"
  port                     = 30443
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = "teleport-proxy"
  port                     = 443
  protocol                 = "TCP"
}
`,
      },
    },
    {
      name: 'unknown values are never guessed',
      files: {
        'provision/terraform/nlb.tf': `resource "oci_network_load_balancer_network_load_balancer" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-nlb"
  subnet_id      = var.public_subnet_id
}

resource "oci_network_load_balancer_backend" "from_data" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  backend_set_name         = "traefik-websecure"
  ip_address               = "10.0.10.11"
  port                     = data.external.ports.result.https
}

resource "oci_network_load_balancer_backend" "computed_instances" {
  for_each = toset(data.oci_core_instances.workers.instances[*].private_ip)

  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  backend_set_name         = "traefik-websecure"
  ip_address               = each.value
  port                     = 30443
}

resource "oci_network_load_balancer_listener" "https" {
  name                     = "https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  default_backend_set_name = "traefik-websecure"
  port                     = 443
  protocol                 = upper(var.protocol)
}

resource "oci_network_load_balancer_listener" "other" {
  name                     = "other"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  default_backend_set_name = "other"
  port                     = var.unset_port
  protocol                 = var.unset_protocol
}

resource "oci_network_load_balancer_backend" "other" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  backend_set_name         = "other"
  ip_address               = "10.0.10.11"
  port                     = 8443
}
`,
        'provision/terraform/variables.tf': `variable "protocol" {
  type    = string
  default = "udp"
}

variable "unset_port" {
  type = number
}

variable "unset_protocol" {
  type = string
}
`,
      },
    },
    {
      name: 'public or private unknown: the backends are not checked',
      files: {
        'provision/terraform/nlb.tf': `resource "oci_network_load_balancer_network_load_balancer" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-nlb"
  subnet_id      = var.subnet_id
  is_private     = var.nlb_is_private
}

resource "oci_network_load_balancer_backend" "https" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  backend_set_name         = "traefik-websecure"
  ip_address               = "10.0.10.11"
  port                     = 30443
}

resource "oci_network_load_balancer_listener" "https" {
  name                     = "https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  default_backend_set_name = "traefik-websecure"
  port                     = 443
  protocol                 = "TCP"
}
`,
      },
    },
    {
      name: 'listenerPort and backendPort options',
      options: { listenerPort: 8443, backendPort: 30443 },
      files: {
        'provision/terraform/nlb.tf': `resource "oci_network_load_balancer_network_load_balancer" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "k3s-ingress"
  subnet_id      = var.public_subnet_id
}

resource "oci_network_load_balancer_backend" "https" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  backend_set_name         = "ingress-https"
  ip_address               = "10.0.10.11"
  port                     = 30443
}

resource "oci_network_load_balancer_listener" "https" {
  name                     = "https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  default_backend_set_name = "ingress-https"
  port                     = 8443
  protocol                 = "TCP"
}
`,
      },
    },
    {
      name: 'a heredoc protocol of TCP is TCP; a non-TCP Teleport listener is teleport-nodeport\'s',
      files: {
        'provision/terraform/nlb.tf': `resource "oci_network_load_balancer_network_load_balancer" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-nlb"
  subnet_id      = var.public_subnet_id
}

resource "oci_network_load_balancer_listener" "https" {
  name                     = "https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  default_backend_set_name = "traefik-websecure"
  port                     = 443
  protocol                 = <<-EOT
    TCP
  EOT
}

resource "oci_network_load_balancer_network_load_balancer" "teleport" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-teleport-nlb"
  subnet_id      = var.public_subnet_id
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = "teleport-proxy"
  port                     = 443
  protocol                 = "ANY"
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'UDP, TCP_AND_UDP and ANY listeners; the Teleport NLB\'s UDP listener is left to teleport-nodeport',
      files: {
        'provision/terraform/nlb_0214.tf': `resource "oci_network_load_balancer_network_load_balancer" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-nlb"
  subnet_id      = var.public_subnet_id
}

resource "oci_network_load_balancer_listener" "https" {
  name                     = "https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  default_backend_set_name = "traefik-websecure"
  port                     = 443
  protocol                 = "TCP_AND_UDP"
}

resource "oci_network_load_balancer_listener" "all" {
  name                     = "all"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  default_backend_set_name = "traefik-websecure"
  port                     = 0
  protocol                 = "ANY"
}
`,
        'provision/terraform/nlb_teleport_0213.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-teleport-nlb"
  subnet_id      = var.public_subnet_id
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = "teleport-proxy"
  port                     = 443
  protocol                 = "UDP"
}
`,
      },
      errors: [
        { messageId: 'listenerProtocol', file: 'provision/terraform/nlb_0214.tf', line: 12, column: 30, endLine: 12, endColumn: 43 },
        { messageId: 'listenerProtocol', file: 'provision/terraform/nlb_0214.tf', line: 20, column: 30, endLine: 20, endColumn: 35 },
      ],
    },
    {
      name: 'protocol through a variable default, and a for_each listener with one non-TCP instance',
      files: {
        'provision/terraform/nlb.tf': `resource "oci_network_load_balancer_network_load_balancer" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-nlb"
  subnet_id      = var.public_subnet_id
}

resource "oci_network_load_balancer_listener" "https" {
  name                     = "https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  default_backend_set_name = "traefik-websecure"
  port                     = 443
  protocol                 = var.listener_protocol
}

resource "oci_network_load_balancer_listener" "extra" {
  for_each = {
    dns  = { port = 53, protocol = "UDP" }
    ssh  = { port = 22, protocol = "TCP" }
  }

  name                     = each.key
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  default_backend_set_name = each.key
  port                     = each.value.port
  protocol                 = each.value.protocol
}
`,
        'provision/terraform/variables.tf': `variable "listener_protocol" {
  type    = string
  default = "TCP_AND_UDP"
}
`,
      },
      errors: [
        { messageId: 'listenerProtocol', file: 'provision/terraform/nlb.tf', line: 12, column: 30, endLine: 12, endColumn: 51, related: ['provision/terraform/variables.tf:3:3'] },
        { messageId: 'listenerProtocol', file: 'provision/terraform/nlb.tf', line: 25, column: 30, endLine: 25, endColumn: 49, related: [] },
      ],
    },
    {
      name: 'main NLB backend on the Traefik NodePort instead of 443, in another file than the listener',
      files: {
        'provision/terraform/nlb_0214.tf': `resource "oci_network_load_balancer_network_load_balancer" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-nlb"
  subnet_id      = var.public_subnet_id
  is_private     = false
}

resource "oci_network_load_balancer_backend_set" "traefik_https" {
  name                     = "traefik-websecure"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  policy                   = "FIVE_TUPLE"
  health_checker {
    protocol = "TCP"
  }
}

resource "oci_network_load_balancer_listener" "https" {
  name                     = "https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  default_backend_set_name = oci_network_load_balancer_backend_set.traefik_https.name
  port                     = var.https_port
  protocol                 = "TCP"
}
`,
        'provision/terraform/nlb_backends.tf': `resource "oci_network_load_balancer_backend" "traefik_https" {
  for_each = var.worker_nodes

  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  backend_set_name         = oci_network_load_balancer_backend_set.traefik_https.name
  ip_address               = each.value
  port                     = var.traefik_node_port
}
`,
        'provision/terraform/variables.tf': `variable "https_port" {
  type    = number
  default = 443
}

variable "traefik_node_port" {
  type    = number
  default = 30443
}

variable "worker_nodes" {
  type = map(string)
  default = {
    lumie-worker-1 = "10.0.10.11"
  }
}
`,
      },
      errors: [
        {
          messageId: 'backendPort',
          file: 'provision/terraform/nlb_backends.tf',
          line: 7,
          column: 30,
          endLine: 7,
          endColumn: 51,
          related: ['provision/terraform/nlb_0214.tf:21:30', 'provision/terraform/variables.tf:8:3'],
        },
      ],
    },
    {
      name: 'for_each backends: only the HTTPS instance on the wrong port is reported',
      files: {
        'provision/terraform/nlb.tf': `locals {
  web = {
    http  = { set = "k3s-http", listen = 80, target = 30080 }
    https = { set = "k3s-https", listen = 443, target = 30443 }
  }
}

resource "oci_network_load_balancer_network_load_balancer" "public" {
  compartment_id = var.compartment_ocid
  display_name   = "k3s-public-nlb"
  subnet_id      = var.public_subnet_id
}

resource "oci_network_load_balancer_backend_set" "web" {
  for_each = local.web

  name                     = each.value.set
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.public.id
  policy                   = "FIVE_TUPLE"
  health_checker {
    protocol = "TCP"
  }
}

resource "oci_network_load_balancer_listener" "web" {
  for_each = local.web

  name                     = each.key
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.public.id
  default_backend_set_name = oci_network_load_balancer_backend_set.web[each.key].name
  port                     = each.value.listen
  protocol                 = "TCP"
}

resource "oci_network_load_balancer_backend" "web" {
  for_each = local.web

  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.public.id
  backend_set_name         = oci_network_load_balancer_backend_set.web[each.key].name
  ip_address               = "10.0.10.11"
  port                     = each.value.target
}
`,
      },
      errors: [
        {
          messageId: 'backendPort',
          file: 'provision/terraform/nlb.tf',
          line: 41,
          column: 30,
          endLine: 41,
          endColumn: 47,
          related: ['provision/terraform/nlb.tf:31:30', 'provision/terraform/nlb.tf:2:3'],
        },
      ],
    },
    {
      name: 'several public NLBs: each one that listens on 443 is a main ingress NLB',
      files: {
        'provision/terraform/nlb_0214.tf': `resource "oci_network_load_balancer_network_load_balancer" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-nlb"
  subnet_id      = var.public_subnet_id
}

resource "oci_network_load_balancer_backend" "https" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  backend_set_name         = "traefik-websecure"
  ip_address               = "10.0.10.11"
  port                     = 443
}

resource "oci_network_load_balancer_listener" "https" {
  name                     = "https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  default_backend_set_name = "traefik-websecure"
  port                     = 443
  protocol                 = "TCP"
}
`,
        'provision/terraform/nlb_white_label.tf': `resource "oci_network_load_balancer_network_load_balancer" "white_label" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-white-label-nlb"
  subnet_id      = var.public_subnet_id
}

resource "oci_network_load_balancer_backend" "white_label" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.white_label.id
  backend_set_name         = "white-label-https"
  ip_address               = "10.0.10.11"
  port                     = 8443
}

resource "oci_network_load_balancer_listener" "white_label" {
  name                     = "white-label-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.white_label.id
  default_backend_set_name = "white-label-https"
  port                     = 443
  protocol                 = "TCP"
}
`,
        'provision/terraform/nlb_git_ssh.tf': `resource "oci_network_load_balancer_network_load_balancer" "git_ssh" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-git-ssh-nlb"
  subnet_id      = var.public_subnet_id
}

resource "oci_network_load_balancer_backend" "git_ssh" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.git_ssh.id
  backend_set_name         = "git-ssh"
  ip_address               = "10.0.10.11"
  port                     = 2222
}

resource "oci_network_load_balancer_listener" "git_ssh" {
  name                     = "git-ssh"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.git_ssh.id
  default_backend_set_name = "git-ssh"
  port                     = 22
  protocol                 = "TCP"
}
`,
      },
      errors: [
        {
          messageId: 'backendPort',
          file: 'provision/terraform/nlb_white_label.tf',
          line: 11,
          column: 30,
          endLine: 11,
          endColumn: 34,
          related: ['provision/terraform/nlb_white_label.tf:18:30'],
        },
      ],
    },
    {
      name: 'protocol and backend port set in tfvars and locals: their definitions are related locations',
      files: {
        'provision/terraform/nlb_0214.tf': `resource "oci_network_load_balancer_network_load_balancer" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-nlb"
  subnet_id      = var.public_subnet_id
  is_private     = false
}

resource "oci_network_load_balancer_backend" "traefik_https" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  backend_set_name         = "traefik-websecure"
  ip_address               = "10.0.10.11"
  port                     = var.traefik_port
}

resource "oci_network_load_balancer_listener" "https" {
  name                     = "https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  default_backend_set_name = "traefik-websecure"
  port                     = 443
  protocol                 = local.protocol
}
`,
        'provision/terraform/locals.tf': `locals {
  protocol = var.listener_protocol
}
`,
        'provision/terraform/variables.tf': `variable "listener_protocol" {
  type    = string
  default = "TCP"
}

variable "traefik_port" {
  type = number
}
`,
        'provision/terraform/terraform.tfvars': `listener_protocol = "TCP_AND_UDP"
traefik_port      = 30443
`,
      },
      errors: [
        {
          messageId: 'backendPort',
          file: 'provision/terraform/nlb_0214.tf',
          line: 12,
          column: 30,
          endLine: 12,
          endColumn: 46,
          related: ['provision/terraform/nlb_0214.tf:19:30', 'provision/terraform/terraform.tfvars:2:1'],
        },
        {
          messageId: 'listenerProtocol',
          file: 'provision/terraform/nlb_0214.tf',
          line: 20,
          column: 30,
          endLine: 20,
          endColumn: 44,
          related: ['provision/terraform/locals.tf:2:3', 'provision/terraform/terraform.tfvars:1:1'],
        },
      ],
    },
  ],
});

describe('nlb-tcp-passthrough messages', () => {
  it('shows a heredoc or padded protocol trimmed, and names where a tfvars value was set', async () => {
    const listener = (protocol: string) => `resource "oci_network_load_balancer_network_load_balancer" "ingress" {
  compartment_id = var.compartment_ocid
  subnet_id      = var.public_subnet_id
}

resource "oci_network_load_balancer_listener" "https" {
  name                     = "https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  default_backend_set_name = "traefik-websecure"
  port                     = 443
  protocol                 = ${protocol}
}
`;
    for (const protocol of ['<<-EOT\n    UDP\n  EOT', '"UDP "']) {
      const ds = await lintFiles(rule, { 'provision/terraform/nlb.tf': listener(protocol) });
      expect(ds.map((d) => d.message)).toEqual([
        'NLB listener `oci_network_load_balancer_listener.https` uses protocol UDP, but the NLBs only pass TCP through (TLS is terminated by Traefik, never at layer 4); set `protocol = "TCP"`.',
      ]);
    }
    const ds = await lintFiles(rule, {
      'provision/terraform/nlb.tf': listener('var.listener_protocol'),
      'provision/terraform/variables.tf': 'variable "listener_protocol" {\n  type = string\n}\n',
      'provision/terraform/prod.auto.tfvars': 'listener_protocol = "UDP"\n',
    });
    expect(ds.map((d) => [d.message, (d.related ?? []).map((r) => r.message)])).toEqual([
      [
        'NLB listener `oci_network_load_balancer_listener.https` uses protocol UDP (from `var.listener_protocol`), but the NLBs only pass TCP through (TLS is terminated by Traefik, never at layer 4); set `protocol = "TCP"`.',
        ['Value set here (variable `listener_protocol` in prod.auto.tfvars)'],
      ],
    ]);
  });
});
