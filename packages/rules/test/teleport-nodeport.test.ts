import { describe, it } from 'vitest';
import { RuleTester } from '../../core/src/index.js';
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
      name: 'a listener protocol other than TCP is left to nlb-tcp-passthrough',
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
    },
  ],
  invalid: [
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
        { messageId: 'backendPort', file: 'provision/terraform/nlb_teleport.tf', line: 23, column: 30, endLine: 23, endColumn: 35, related: ['applications/teleport/service.yaml:14:17'] },
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
        { messageId: 'serviceNodePort', file: 'applications/teleport/service.yaml', line: 14, column: 17, endLine: 14, endColumn: 22, related: ['provision/terraform/nlb_teleport.tf:23:30'] },
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
        { messageId: 'serviceMissing', file: 'provision/terraform/nlb_teleport.tf', line: 1, column: 1, endLine: 1, endColumn: 70, severity: 'warning' },
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
        { messageId: 'serviceMissing', file: 'provision/terraform/nlb_teleport.tf', line: 1, column: 1, endLine: 1, endColumn: 70, severity: 'warning' },
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
        { messageId: 'healthCheckPort', file: 'provision/terraform/nlb_teleport.tf', line: 15, column: 16, endLine: 15, endColumn: 38 },
        { messageId: 'backendPort', file: 'provision/terraform/nlb_teleport.tf', line: 23, column: 30, endLine: 23, endColumn: 52 },
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
        { messageId: 'backendPort', file: 'provision/terraform/nlb_teleport.tf', line: 27, column: 30, endLine: 27, endColumn: 55 },
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
        { messageId: 'backendPort', file: 'provision/terraform/nlb_teleport.tf', line: 28, column: 30, endLine: 28, endColumn: 40, related: ['applications/teleport/service.yaml:14:17'] },
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
        { messageId: 'backendPort', file: 'provision/terraform/nlb_teleport.tf', line: 23, column: 30, endLine: 23, endColumn: 33 },
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
  ],
});
