"""意见函."""
import streamlit as st

st.title("意见函")
