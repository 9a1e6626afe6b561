import { describe, it } from 'vitest';
import { RuleTester } from '../../core/src/testing/rule-tester.js';
import rule from '../src/nlb-reserved-ip.js';

// The public IP and the NLB are often in different files of one module; findings about the IP
// point at the IP and list each NLB's `reserved_ips` id as a related location.
new RuleTester({ describe, it }).run('nlb-reserved-ip', rule, {
  valid: [
    {
      name: 'reserved, protected IPs on both public NLBs, in separate files',
      files: {
        'provision/terraform/public_ips.tf': `resource "oci_core_public_ip" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-ip"
  lifetime       = "RESERVED"

  lifecycle {
    prevent_destroy = true
  }
}

resource "oci_core_public_ip" "teleport" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-teleport-ip"
  lifetime       = var.ip_lifetime

  lifecycle {
    prevent_destroy = true
  }
}
`,
        'provision/terraform/nlb_0214.tf': `resource "oci_network_load_balancer_network_load_balancer" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-nlb"
  subnet_id      = var.public_subnet_id
  is_private     = false

  reserved_ips {
    id = oci_core_public_ip.ingress.id
  }
}
`,
        'provision/terraform/nlb_teleport_0213.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-teleport-nlb"
  subnet_id      = var.public_subnet_id

  reserved_ips {
    id = "\${oci_core_public_ip.teleport.id}"
  }
}
`,
        'provision/terraform/variables.tf': `variable "ip_lifetime" {
  type    = string
  default = "RESERVED"
}
`,
      },
    },
    {
      name: 'private NLBs need no reserved IP',
      files: {
        'provision/terraform/nlb_internal.tf': `resource "oci_network_load_balancer_network_load_balancer" "internal" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-internal-nlb"
  subnet_id      = var.private_subnet_id
  is_private     = true
}
`,
      },
    },
    {
      name: 'for_each public IPs referenced by key',
      files: {
        'provision/terraform/nlb.tf': `resource "oci_core_public_ip" "nlb" {
  for_each = toset(["ingress", "teleport"])

  compartment_id = var.compartment_ocid
  display_name   = "lumie-\${each.key}-ip"
  lifetime       = "RESERVED"

  lifecycle {
    prevent_destroy = true
  }
}

resource "oci_network_load_balancer_network_load_balancer" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-nlb"
  subnet_id      = var.public_subnet_id

  reserved_ips {
    id = oci_core_public_ip.nlb["ingress"].id
  }
}
`,
      },
    },
    {
      name: 'unknown values are never guessed: is_private, lifetime, a dynamic reserved_ips block',
      files: {
        'provision/terraform/nlb.tf': `resource "oci_core_public_ip" "ingress" {
  compartment_id = var.compartment_ocid
  lifetime       = upper(var.lifetime)

  lifecycle {
    prevent_destroy = true
  }
}

resource "oci_network_load_balancer_network_load_balancer" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-nlb"
  subnet_id      = var.subnet_id

  reserved_ips {
    id = oci_core_public_ip.ingress.id
  }
}

resource "oci_network_load_balancer_network_load_balancer" "maybe_private" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-edge-nlb"
  subnet_id      = var.subnet_id
  is_private     = var.edge_is_private
}

resource "oci_network_load_balancer_network_load_balancer" "optional_ip" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-optional-nlb"
  subnet_id      = var.subnet_id

  dynamic "reserved_ips" {
    for_each = var.reserved_ip_id == null ? [] : [var.reserved_ip_id]
    content {
      id = reserved_ips.value
    }
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'public NLB without reserved_ips (is_private absent means public)',
      files: {
        'provision/terraform/nlb_0214.tf': `resource "oci_network_load_balancer_network_load_balancer" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-nlb"
  subnet_id      = var.public_subnet_id
}

resource "oci_network_load_balancer_network_load_balancer" "teleport" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-teleport-nlb"
  subnet_id      = var.public_subnet_id
  is_private     = false
}
`,
      },
      errors: [
        { messageId: 'reservedIpMissing', file: 'provision/terraform/nlb_0214.tf', line: 1, column: 1, endLine: 1, endColumn: 69 },
        { messageId: 'reservedIpMissing', file: 'provision/terraform/nlb_0214.tf', line: 7, column: 1, endLine: 7, endColumn: 70 },
      ],
    },
    {
      name: 'reserved_ips id that is not an oci_core_public_ip resource of the repo, and one without id',
      files: {
        'provision/terraform/nlb.tf': `resource "oci_network_load_balancer_network_load_balancer" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-nlb"
  subnet_id      = var.public_subnet_id

  reserved_ips {
    id = var.ingress_public_ip_id
  }
}

resource "oci_network_load_balancer_network_load_balancer" "teleport" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-teleport-nlb"
  subnet_id      = var.public_subnet_id

  reserved_ips {
    id = "ocid1.publicip.oc1.eu-frankfurt-1.aaaaaaaexample"
  }
}

resource "oci_network_load_balancer_network_load_balancer" "staging" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-staging-nlb"
  subnet_id      = var.public_subnet_id

  reserved_ips {
  }
}
`,
      },
      errors: [
        { messageId: 'reservedIpNotResource', file: 'provision/terraform/nlb.tf', line: 7, column: 10, endLine: 7, endColumn: 34 },
        { messageId: 'reservedIpNotResource', file: 'provision/terraform/nlb.tf', line: 17, column: 10, endLine: 17, endColumn: 60 },
        { messageId: 'reservedIpIdMissing', file: 'provision/terraform/nlb.tf', line: 26, column: 3, endLine: 26, endColumn: 15 },
      ],
    },
    {
      name: 'an ephemeral IP, and one without lifetime, with the NLB as related location',
      files: {
        'provision/terraform/public_ips.tf': `resource "oci_core_public_ip" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-ip"
  lifetime       = "EPHEMERAL"

  lifecycle {
    prevent_destroy = true
  }
}

resource "oci_core_public_ip" "teleport" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-teleport-ip"

  lifecycle {
    prevent_destroy = true
  }
}
`,
        'provision/terraform/nlb_0214.tf': `resource "oci_network_load_balancer_network_load_balancer" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-nlb"
  subnet_id      = var.public_subnet_id

  reserved_ips {
    id = oci_core_public_ip.ingress.id
  }
}
`,
        'provision/terraform/nlb_teleport_0213.tf': `resource "oci_network_load_balancer_network_load_balancer" "teleport" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-teleport-nlb"
  subnet_id      = var.public_subnet_id

  reserved_ips {
    id = oci_core_public_ip.teleport.id
  }
}
`,
      },
      errors: [
        {
          messageId: 'lifetimeNotReserved',
          file: 'provision/terraform/public_ips.tf',
          line: 4,
          column: 20,
          endLine: 4,
          endColumn: 31,
          related: ['provision/terraform/nlb_0214.tf:7:10'],
        },
        {
          messageId: 'lifetimeMissing',
          file: 'provision/terraform/public_ips.tf',
          line: 11,
          column: 1,
          endLine: 11,
          endColumn: 41,
          related: ['provision/terraform/nlb_teleport_0213.tf:7:10'],
        },
      ],
    },
    {
      name: 'prevent_destroy false, and missing on an IP shared by two NLBs',
      files: {
        'provision/terraform/public_ips.tf': `resource "oci_core_public_ip" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-ip"
  lifetime       = "RESERVED"

  lifecycle {
    prevent_destroy = false
  }
}

resource "oci_core_public_ip" "shared" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-shared-ip"
  lifetime       = "RESERVED"

  lifecycle {
    create_before_destroy = true
  }
}
`,
        'provision/terraform/nlb.tf': `resource "oci_network_load_balancer_network_load_balancer" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-nlb"
  subnet_id      = var.public_subnet_id

  reserved_ips {
    id = oci_core_public_ip.ingress.id
  }
}

resource "oci_network_load_balancer_network_load_balancer" "blue" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-blue-nlb"
  subnet_id      = var.public_subnet_id

  reserved_ips {
    id = oci_core_public_ip.shared.id
  }
}

resource "oci_network_load_balancer_network_load_balancer" "green" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-green-nlb"
  subnet_id      = var.public_subnet_id

  reserved_ips {
    id = oci_core_public_ip.shared.id
  }
}
`,
      },
      errors: [
        {
          messageId: 'preventDestroyFalse',
          file: 'provision/terraform/public_ips.tf',
          line: 7,
          column: 23,
          endLine: 7,
          endColumn: 28,
          related: ['provision/terraform/nlb.tf:7:10'],
        },
        {
          messageId: 'preventDestroyMissing',
          file: 'provision/terraform/public_ips.tf',
          line: 11,
          column: 1,
          endLine: 11,
          endColumn: 39,
          related: ['provision/terraform/nlb.tf:17:10', 'provision/terraform/nlb.tf:27:10'],
        },
      ],
    },
    {
      name: 'a public IP without any lifecycle block, through count',
      files: {
        'provision/terraform/nlb.tf': `resource "oci_core_public_ip" "ingress" {
  count          = 1
  compartment_id = var.compartment_ocid
  lifetime       = "RESERVED"
}

resource "oci_network_load_balancer_network_load_balancer" "ingress" {
  compartment_id = var.compartment_ocid
  display_name   = "lumie-ingress-nlb"
  subnet_id      = var.public_subnet_id

  reserved_ips {
    id = oci_core_public_ip.ingress[0].id
  }
}
`,
      },
      errors: [
        {
          messageId: 'preventDestroyMissing',
          file: 'provision/terraform/nlb.tf',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 40,
          related: ['provision/terraform/nlb.tf:13:10'],
        },
      ],
    },
  ],
});
