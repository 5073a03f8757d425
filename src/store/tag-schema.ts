/** Row types of the tag and delegated-administrator tables (migration 2026_12_02_0014). Times are epoch ms. */

/** What carries Resource Directory tags: a member account or a folder. */
export type TaggedType = 'Account' | 'Folder';
/** Where tag rows live: a tagged resource, or an invitation whose tags the member gets on acceptance. */
export type TagOwner = TaggedType | 'Handshake';

export interface RdTagsTable {
  directory_id: string;
  resource_type: TagOwner;
  /** The member's account ID, the folder ID or the handshake ID. */
  resource_id: string;
  tag_key: string;
  /** '' when the tag has no value. */
  tag_value: string;
  created_at: number;
}

export interface RdDelegatedAdminsTable {
  directory_id: string;
  /** e.g. cloudfw.aliyuncs.com; one of src/domain/directory/trusted-services.json. */
  service_principal: string;
  account_id: string;
  enabled_at: number;
}

export interface TagsDatabase {
  rd_tags: RdTagsTable;
  rd_delegated_admins: RdDelegatedAdminsTable;
}
