import { describe, expect, it } from 'vitest';
import { lintFiles, RuleTester } from '../../core/src/testing/rule-tester.js';
import rule from '../src/teleport-nodeport.js';

// Cases are multi-file: the Terraform side under provision/terraform/, the Service under
// applications/teleport/. Positions are exact; related locations are asserted where listed.
new RuleTester({ describe, it }).run('teleport-nodeport', rule, {
  valid: [
    {
      name: 'ports given literally',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
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
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
    },
    {
      name: 'ports through variable defaults',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
    port     = var.teleport_node_port
  }
}

resource "oci_network_load_balancer_backend" "teleport" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
  port                     = var.teleport_node_port
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = var.https_port
  protocol                 = "TCP"
}
`,
        'provision/terraform/variables.tf': `variable "https_port" {
  type    = number
  default = 443
}

variable "teleport_node_port" {
  type    = number
  default = 30443
}
`,
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
    },
    {
      name: 'NodePort through a .tfvars value overriding the default',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
    port     = var.teleport_node_port
  }
}

resource "oci_network_load_balancer_backend" "teleport" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
  port                     = var.teleport_node_port
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = 443
  protocol                 = "TCP"
}
`,
        'provision/terraform/variables.tf': `variable "teleport_node_port" {
  type    = number
  default = 30080
}
`,
        'provision/terraform/terraform.tfvars': `teleport_node_port = 30443
`,
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
    },
    {
      name: 'ports through locals',
      files: {
        'provision/terraform/nlb_teleport.tf': `locals {
  teleport = {
    listener_port = 443
    node_port     = 30443
  }
}

resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
    port     = local.teleport.node_port
  }
}

resource "oci_network_load_balancer_backend" "teleport" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
  port                     = local.teleport.node_port
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = local.teleport.listener_port
  protocol                 = "TCP"
}
`,
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
    },
    {
      name: 'backends for_each over a static map',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
  for_each = {
    worker-1 = { ip = "10.0.10.11", port = 30443 }
    worker-2 = { ip = "10.0.10.12", port = 30443 }
  }

  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
  port                     = each.value.port
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = 443
  protocol                 = "TCP"
}
`,
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
    },
    {
      name: 'unknown values are never guessed',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
    port     = var.unset_port
  }
}

resource "oci_network_load_balancer_backend" "teleport" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
  port                     = data.external.ports.result.teleport
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = tonumber("8443")
  protocol                 = upper(var.protocol)
}
`,
        'provision/terraform/variables.tf': `variable "unset_port" {
  type = number
}

variable "protocol" {
  type    = string
  default = "udp"
}
`,
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
    },
    {
      name: 'NLB found by display_name, Service by namespace',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "bastion" {
  compartment_id = var.compartment_ocid
  display_name   = "Lumie-Teleport"
  subnet_id      = var.public_subnet_id
  is_private     = false
}

resource "oci_network_load_balancer_backend_set" "teleport" {
  name                     = "teleport-proxy"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.bastion.id
  policy                   = "FIVE_TUPLE"

  health_checker {
    protocol = "TCP"
    port     = 30443
  }
}

resource "oci_network_load_balancer_backend" "teleport" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.bastion.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
  port                     = 30443
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.bastion.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = 443
  protocol                 = "TCP"
}
`,
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport-proxy
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
    },
    {
      name: 'health checker port 0 probes the backend port',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
    port     = 0
  }
}

resource "oci_network_load_balancer_backend" "teleport" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
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
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
    },
    {
      name: 'LoadBalancer Service with the NodePort',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
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
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: LoadBalancer
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
    },
    {
      name: 'other NLBs and ClusterIP Teleport Services are not the Teleport pair',
      files: {
        'provision/terraform/nlb_ingress.tf': `resource "oci_network_load_balancer_network_load_balancer" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-nlb"
  subnet_id      = var.public_subnet_id
  is_private     = false
}

resource "oci_network_load_balancer_backend_set" "teleport" {
  name                     = "teleport-proxy"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  policy                   = "FIVE_TUPLE"

  health_checker {
    protocol = "TCP"
    port     = 443
  }
}

resource "oci_network_load_balancer_backend" "teleport" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
  port                     = 443
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.ingress.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = 443
  protocol                 = "TCP"
}
`,
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport-auth
  namespace: teleport
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: auth
      port: 3025
`,
      },
    },
    {
      name: 'custom nodePort and listenerPort options',
      options: { nodePort: 32443, listenerPort: 8443 },
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
    port     = 32443
  }
}

resource "oci_network_load_balancer_backend" "teleport" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
  port                     = 32443
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = 8443
  protocol                 = "TCP"
}
`,
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 8443
      nodePort: 32443
`,
      },
    },
    {
      name: 'a heredoc protocol of TCP (with its trailing newline) is TCP',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
  port                     = var.teleport_node_port
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = 443
  protocol                 = <<-EOT
    TCP
  EOT
}
`,
        'provision/terraform/variables.tf': `variable "teleport_node_port" {
  type    = number
  default = 30443
}
`,
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a Teleport listener protocol other than TCP is reported here (nlb-tcp-passthrough skips Teleport listeners)',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
  port                     = 30443
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = 443
  protocol                 = "UDP"
}
`,
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
      errors: [
        { messageId: 'listenerProtocol', file: 'provision/terraform/nlb_teleport.tf', line: 31, column: 30, endLine: 31, endColumn: 35, related: [] },
      ],
    },
    {
      name: 'wrong backend port, with the Service nodePort as related location',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
  port                     = 30080
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = 443
  protocol                 = "TCP"
}
`,
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
      errors: [
        { messageId: 'backendPortService', file: 'provision/terraform/nlb_teleport.tf', line: 23, column: 30, endLine: 23, endColumn: 35, related: ['applications/teleport/service.yaml:14:17'] },
      ],
    },
    {
      name: 'wrong Service nodePort, with the NLB backend port as related location',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
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
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 31443
`,
      },
      errors: [
        { messageId: 'serviceNodePortNlb', file: 'applications/teleport/service.yaml', line: 14, column: 17, endLine: 14, endColumn: 22, related: ['provision/terraform/nlb_teleport.tf:23:30'] },
      ],
    },
    {
      name: 'listener on 8443',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
  port                     = 30443
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = 8443
  protocol                 = "TCP"
}
`,
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
      errors: [
        { messageId: 'listenerPort', file: 'provision/terraform/nlb_teleport.tf', line: 30, column: 30, endLine: 30, endColumn: 34 },
      ],
    },
    {
      name: 'Teleport NLB without a Teleport Service',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
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
      },
      errors: [
        { messageId: 'serviceMissingForwarded', file: 'provision/terraform/nlb_teleport.tf', line: 1, column: 1, endLine: 1, endColumn: 70, severity: 'warning' },
      ],
    },
    {
      name: 'Teleport Service without a Teleport NLB',
      files: {
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
      errors: [
        { messageId: 'nlbMissing', file: 'applications/teleport/service.yaml', line: 2, column: 7, endLine: 2, endColumn: 14, severity: 'warning' },
      ],
    },
    {
      name: 'a ClusterIP Teleport Service is no counterpart for the NLB',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
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
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
      errors: [
        { messageId: 'serviceMissingForwarded', file: 'provision/terraform/nlb_teleport.tf', line: 1, column: 1, endLine: 1, endColumn: 70, severity: 'warning' },
      ],
    },
    {
      name: 'wrong NodePort set in terraform.tfvars',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
    port     = var.teleport_node_port
  }
}

resource "oci_network_load_balancer_backend" "teleport" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
  port                     = var.teleport_node_port
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = 443
  protocol                 = "TCP"
}
`,
        'provision/terraform/variables.tf': `variable "teleport_node_port" {
  type    = number
  default = 30443
}
`,
        'provision/terraform/terraform.tfvars': `teleport_node_port = 30080
`,
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
      errors: [
        {
          messageId: 'healthCheckPort',
          file: 'provision/terraform/nlb_teleport.tf',
          line: 15,
          column: 16,
          endLine: 15,
          endColumn: 38,
          related: ['applications/teleport/service.yaml:14:17', 'provision/terraform/terraform.tfvars:1:1'],
        },
        {
          messageId: 'backendPortService',
          file: 'provision/terraform/nlb_teleport.tf',
          line: 23,
          column: 30,
          endLine: 23,
          endColumn: 52,
          related: ['applications/teleport/service.yaml:14:17', 'provision/terraform/terraform.tfvars:1:1'],
        },
      ],
    },
    {
      name: 'wrong NodePort in a local',
      files: {
        'provision/terraform/nlb_teleport.tf': `locals {
  teleport_ports = { listener = 443, node = 30444 }
}

resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
  port                     = local.teleport_ports.node
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = 443
  protocol                 = "TCP"
}
`,
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
      errors: [
        {
          messageId: 'backendPortService',
          file: 'provision/terraform/nlb_teleport.tf',
          line: 27,
          column: 30,
          endLine: 27,
          endColumn: 55,
          related: ['applications/teleport/service.yaml:14:17', 'provision/terraform/nlb_teleport.tf:2:3'],
        },
      ],
    },
    {
      name: 'one instance of a for_each backend targets the wrong port',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
  for_each = {
    "10.0.10.11" = 30443
    "10.0.10.12" = 30080
  }

  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
  port                     = each.value
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = 443
  protocol                 = "TCP"
}
`,
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
      errors: [
        { messageId: 'backendPortService', file: 'provision/terraform/nlb_teleport.tf', line: 28, column: 30, endLine: 28, endColumn: 40, related: ['applications/teleport/service.yaml:14:17'] },
      ],
    },
    {
      name: 'health checker probes another port',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
    port     = 30080
  }
}

resource "oci_network_load_balancer_backend" "teleport" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
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
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
      errors: [
        { messageId: 'healthCheckPort', file: 'provision/terraform/nlb_teleport.tf', line: 15, column: 16, endLine: 15, endColumn: 21 },
      ],
    },
    {
      name: 'Service port 443 without a nodePort',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
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
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
`,
      },
      errors: [
        { messageId: 'serviceNodePortMissing', file: 'applications/teleport/service.yaml', line: 11, column: 7, endLine: 13, endColumn: 23, related: ['provision/terraform/nlb_teleport.tf:23:30'] },
      ],
    },
    {
      name: 'Service without port 443',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
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
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 3080
      nodePort: 30443
`,
      },
      errors: [
        { messageId: 'servicePortMissing', file: 'applications/teleport/service.yaml', line: 2, column: 7, endLine: 2, endColumn: 14 },
      ],
    },
    {
      name: 'backend linked to the NLB through its backend set targets 443',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
  network_load_balancer_id = var.teleport_nlb_id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
  port                     = 443
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = 443
  protocol                 = "TCP"
}
`,
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
      errors: [
        { messageId: 'backendPortService', file: 'provision/terraform/nlb_teleport.tf', line: 23, column: 30, endLine: 23, endColumn: 33 },
      ],
    },
    {
      name: 'both sides agree with each other but not with the expected NodePort',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
  port                     = 30080
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = 80
  protocol                 = "TCP"
}
`,
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      nodePort: 30080
`,
      },
      errors: [
        { messageId: 'serviceNodePort', file: 'applications/teleport/service.yaml', line: 13, column: 17, endLine: 13, endColumn: 22, related: ['provision/terraform/nlb_teleport.tf:23:30'] },
        { messageId: 'backendPort', file: 'provision/terraform/nlb_teleport.tf', line: 23, column: 30, endLine: 23, endColumn: 35, related: ['applications/teleport/service.yaml:13:17'] },
        { messageId: 'listenerPort', file: 'provision/terraform/nlb_teleport.tf', line: 30, column: 30, endLine: 30, endColumn: 32, related: [] },
      ],
    },
    {
      name: 'NodePort 30444 set in terraform.tfvars, no Teleport Service: the tfvars assignment is a related location',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
    port     = var.teleport_node_port
  }
}

resource "oci_network_load_balancer_backend" "teleport" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
  port                     = var.teleport_node_port
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = 443
  protocol                 = "TCP"
}
`,
        'provision/terraform/variables.tf': `variable "teleport_node_port" {
  type    = number
  default = 30443
}
`,
        'provision/terraform/terraform.tfvars': `teleport_node_port = 30444
`,
      },
      errors: [
        { messageId: 'serviceMissingForwarded', file: 'provision/terraform/nlb_teleport.tf', line: 1, column: 1, endLine: 1, endColumn: 70, severity: 'warning', related: [] },
        { messageId: 'healthCheckPort', file: 'provision/terraform/nlb_teleport.tf', line: 15, column: 16, endLine: 15, endColumn: 38, related: ['provision/terraform/terraform.tfvars:1:1'] },
        { messageId: 'backendPort', file: 'provision/terraform/nlb_teleport.tf', line: 23, column: 30, endLine: 23, endColumn: 52, related: ['provision/terraform/terraform.tfvars:1:1'] },
      ],
    },
    {
      name: 'a *.auto.tfvars file is loaded after terraform.tfvars: its assignment wins and is the related location',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
  port                     = var.teleport_node_port
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = 443
  protocol                 = "TCP"
}
`,
        'provision/terraform/variables.tf': `variable "teleport_node_port" {
  type    = number
  default = 30443
}
`,
        'provision/terraform/terraform.tfvars': `teleport_node_port = 30443
`,
        'provision/terraform/overrides.auto.tfvars': `# moved Teleport to another NodePort
teleport_node_port = 30444
`,
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
      errors: [
        {
          messageId: 'backendPortService',
          file: 'provision/terraform/nlb_teleport.tf',
          line: 23,
          column: 30,
          endLine: 23,
          endColumn: 52,
          related: ['applications/teleport/service.yaml:14:17', 'provision/terraform/overrides.auto.tfvars:2:1'],
        },
      ],
    },
    {
      name: 'listener port and heredoc protocol from variable defaults: each default is a related location',
      files: {
        'provision/terraform/nlb_teleport.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
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
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  ip_address               = "10.0.10.11"
  port                     = var.teleport_node_port
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = var.teleport_listener_port
  protocol                 = var.teleport_listener_protocol
}
`,
        'provision/terraform/variables.tf': `variable "teleport_node_port" {
  type    = number
  default = 30443
}

variable "teleport_listener_port" {
  type    = number
  default = 8443
}

variable "teleport_listener_protocol" {
  type    = string
  default = <<-EOT
    UDP
  EOT
}
`,
        'applications/teleport/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  selector:
    app.kubernetes.io/component: proxy
  ports:
    - name: tls
      port: 443
      targetPort: 3080
      nodePort: 30443
`,
      },
      errors: [
        { messageId: 'listenerPort', file: 'provision/terraform/nlb_teleport.tf', line: 30, column: 30, endLine: 30, endColumn: 56, related: ['provision/terraform/variables.tf:8:3'] },
        { messageId: 'listenerProtocol', file: 'provision/terraform/nlb_teleport.tf', line: 31, column: 30, endLine: 31, endColumn: 60, related: ['provision/terraform/variables.tf:13:3'] },
      ],
    },
  ],
});

// Message text: every message states only facts, the actual value, the expected value from the
// options, and the Service only when the repo has one. Strings are shown trimmed.
describe('teleport-nodeport messages', () => {
  const nlb = (backendPort: string, protocol: string) => `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-teleport-nlb"
  subnet_id      = var.public_subnet_id
}

resource "oci_network_load_balancer_backend" "teleport" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = "teleport-proxy"
  ip_address               = "10.0.10.11"
  port                     = ${backendPort}
}

resource "oci_network_load_balancer_listener" "teleport_https" {
  name                     = "teleport-https"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = "teleport-proxy"
  port                     = 443
  protocol                 = ${protocol}
}
`;
  const service = (nodePort: number) => `apiVersion: v1
kind: Service
metadata:
  name: teleport
  namespace: teleport
spec:
  type: NodePort
  ports:
    - name: tls
      port: 443
      nodePort: ${nodePort}
`;
  const text = async (files: Record<string, string>) =>
    (await lintFiles(rule, files)).map((d) => ({ id: d.messageId, message: d.message, related: (d.related ?? []).map((r) => r.message) }));

  it('no Service, NodePort 30444 from terraform.tfvars: the NLB forwards to 30444, and no Service is cited', async () => {
    const ds = await text({
      'provision/terraform/nlb_teleport.tf': nlb('var.teleport_node_port', '"TCP"'),
      'provision/terraform/variables.tf': 'variable "teleport_node_port" {\n  type    = number\n  default = 30443\n}\n',
      'provision/terraform/terraform.tfvars': 'teleport_node_port = 30444\n',
    });
    expect(ds).toEqual([
      {
        id: 'serviceMissingForwarded',
        message:
          'Teleport NLB `oci_network_load_balancer_network_load_balancer.teleport` forwards to port 30444, but the repo has no Teleport Service of type NodePort or LoadBalancer (name or namespace `teleport`) behind it; add one that publishes port 443 on `nodePort: 30443`, or remove the NLB if Teleport is gone.',
        related: [],
      },
      {
        id: 'backendPort',
        message:
          'Teleport NLB backend `oci_network_load_balancer_backend.teleport` targets port 30444 (from `var.teleport_node_port`), but the expected Teleport NodePort is 30443; set the backend `port` to 30443.',
        related: ['Value set here (variable `teleport_node_port` in terraform.tfvars)'],
      },
    ]);
  });

  it('a Service on the expected NodePort is cited; one on another NodePort is not', async () => {
    const good = await text({ 'provision/terraform/nlb_teleport.tf': nlb('30080', '"TCP"'), 'applications/teleport/service.yaml': service(30443) });
    expect(good.map((d) => d.message)).toEqual([
      'Teleport NLB backend `oci_network_load_balancer_backend.teleport` targets port 30080, but the Teleport Service `teleport/teleport` publishes port 443 on NodePort 30443; set the backend `port` to 30443.',
    ]);
    const agreeing = await text({ 'provision/terraform/nlb_teleport.tf': nlb('30080', '"TCP"'), 'applications/teleport/service.yaml': service(30080) });
    expect(agreeing.map((d) => d.message)).toEqual([
      'Teleport Service `teleport/teleport` publishes port 443 on nodePort 30080, but the expected Teleport NodePort is 30443; set `nodePort: 30443`.',
      'Teleport NLB backend `oci_network_load_balancer_backend.teleport` targets port 30080, but the expected Teleport NodePort is 30443; set the backend `port` to 30443.',
    ]);
    const nlbRight = await text({ 'provision/terraform/nlb_teleport.tf': nlb('30443', '"TCP"'), 'applications/teleport/service.yaml': service(31443) });
    expect(nlbRight.map((d) => d.message)).toEqual([
      'Teleport Service `teleport/teleport` publishes port 443 on nodePort 31443, but the Teleport NLB `oci_network_load_balancer_network_load_balancer.teleport` forwards to NodePort 30443; set `nodePort: 30443`.',
    ]);
  });

  it('a heredoc or padded protocol is shown trimmed', async () => {
    for (const protocol of ['<<-EOT\n    UDP\n  EOT', '"UDP "']) {
      const ds = await text({ 'provision/terraform/nlb_teleport.tf': nlb('30443', protocol), 'applications/teleport/service.yaml': service(30443) });
      expect(ds.map((d) => d.message)).toEqual([
        'Teleport NLB listener `oci_network_load_balancer_listener.teleport_https` uses protocol UDP, but the Teleport proxy terminates TLS itself and needs the TCP stream passed through; set `protocol = "TCP"`.',
      ]);
    }
  });

  it('variable defaults and locals are named in the related messages', async () => {
    const ds = await text({
      'provision/terraform/nlb_teleport.tf': `locals {\n  teleport_port = var.teleport_node_port\n}\n\n${nlb('local.teleport_port', '"TCP"')}`,
      'provision/terraform/variables.tf': 'variable "teleport_node_port" {\n  type    = number\n  default = 30444\n}\n',
      'applications/teleport/service.yaml': service(30443),
    });
    expect(ds.map((d) => d.related)).toEqual([['Service nodePort declared here', 'Local `teleport_port` defined here', 'Default of variable `teleport_node_port`']]);
  });
});
