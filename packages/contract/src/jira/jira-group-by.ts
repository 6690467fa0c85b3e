/** How an import groups findings into one Jira issue (DefectDojo's group_by values). */
export const JIRA_GROUP_BY = [
  'component_name',
  'component_name+component_version',
  'file_path',
  'finding_title',
] as const;
export type JiraGroupBy = (typeof JIRA_GROUP_BY)[number];
