/** Row types of the control policy tables (migration 2026_12_02_0013). Times are epoch ms. */

export interface ControlPoliciesTable {
  id: string; // cp-…
  directory_id: string;
  name: string;
  description: string;
  document: string;
  /** Always 'RAM': the policy binds the RAM users and roles of members, not their root identities. */
  effect_scope: string;
  created_at: number;
  updated_at: number;
}

export interface ControlPolicyAttachmentsTable {
  target_id: string; // r-…, fd-… or a member's account ID
  policy_id: string;
  directory_id: string;
  target_type: 'Folder' | 'Account';
  attached_at: number;
}

export interface ControlPolicySystemDetachmentsTable {
  target_id: string;
  directory_id: string;
  detached_at: number;
}

export interface ControlPolicyDatabase {
  control_policies: ControlPoliciesTable;
  control_policy_attachments: ControlPolicyAttachmentsTable;
  control_policy_system_detachments: ControlPolicySystemDetachmentsTable;
}
