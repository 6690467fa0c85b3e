{{- define "vigil.labels" -}}
app.kubernetes.io/name: vigil
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}

{{- define "vigil.env" -}}
{{- if .Values.database.cloudnativepg.enabled }}
- name: DB_PASSWORD
  valueFrom: { secretKeyRef: { name: {{ .Release.Name }}-db-app, key: password } }
- name: DATABASE_URL
  value: "postgres://vigil:$(DB_PASSWORD)@{{ .Release.Name }}-db-rw:5432/vigil?sslmode=require"
- name: DATABASE_REPLICA_URLS
  value: "postgres://vigil:$(DB_PASSWORD)@{{ .Release.Name }}-db-ro:5432/vigil?sslmode=require"
{{- else }}
- name: DATABASE_URL
  valueFrom: { secretKeyRef: { name: {{ .Values.database.existingSecret }}, key: DATABASE_URL } }
- name: DATABASE_REPLICA_URLS
  valueFrom: { secretKeyRef: { name: {{ .Values.database.existingSecret }}, key: DATABASE_REPLICA_URLS, optional: true } }
{{- end }}
- name: VIGIL_SECRET_KEY
  valueFrom: { secretKeyRef: { name: {{ .Values.secretKey.existingSecret }}, key: VIGIL_SECRET_KEY } }
- name: VIGIL_METRICS_TOKEN
  valueFrom: { secretKeyRef: { name: {{ .Values.metrics.existingSecret }}, key: VIGIL_METRICS_TOKEN, optional: true } }
- name: VIGIL_DB_FAILOVER_WAIT_SECONDS
  value: {{ .Values.database.failoverWaitSeconds | quote }}
- name: VIGIL_READ_PRIMARY_WINDOW_SECONDS
  value: {{ .Values.database.readPrimaryWindowSeconds | quote }}
- name: VIGIL_DATA_DIR
  value: /var/lib/vigil
- name: VIGIL_ARTIFACT_DIR
  value: /var/lib/vigil/artifacts
- name: VIGIL_TRUST_PROXY
  value: "true"
- name: VIGIL_COOKIE_SECURE
  value: "true"
- name: REDIS_URL
  value: {{ .Values.redis.url | quote }}
{{- end }}

{{- define "vigil.volumes" -}}
- name: artifacts
  persistentVolumeClaim: { claimName: {{ .Values.artifacts.existingClaim }} }
{{- end }}

{{- define "vigil.volumeMounts" -}}
- name: artifacts
  mountPath: /var/lib/vigil/artifacts
{{- end }}
